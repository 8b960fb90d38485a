scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) local s = ("a"):rep(200000); s:find("[" .. ("b"):rep(100000) .. "]") return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
