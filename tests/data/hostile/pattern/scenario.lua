scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) return string.find(string.rep("a", 3000), ".-.-.-.-.-b") ~= nil end },
    option { text = "2", to = "b",
             when = function(v)
               -- ordinary patterns on ordinary texts still work
               return ("Fredag 22:10"):match("^(%a+) (%d+):(%d+)$") == "Fredag"
                  and select(2, ("a.b.c"):gsub("%.", "-")) == 2
                  and ("x-y"):find("-", 1, true) == 2
             end },
  },
}
beat "b" { ending = "end" }
