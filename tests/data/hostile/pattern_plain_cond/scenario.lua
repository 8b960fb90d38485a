scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) local s = ("a"):rep(1000000); s:find(("a"):rep(500000) .. "b", 1, true) return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
