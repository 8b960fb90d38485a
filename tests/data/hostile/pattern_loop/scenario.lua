scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) local s, f = ("a"):rep(4900), string.find; for i = 1, 1e9 do f(s, ".-b") end return true end },
    option { text = "2", to = "b",
             when = function(v) return ("(a)"):find("%b()") == 1 and ("  x  "):match("^%s*(.-)%s*$") == "x" end },
  },
}
beat "b" { ending = "end" }
