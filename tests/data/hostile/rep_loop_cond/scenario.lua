scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) for i = 1, 1e9 do local s = ("x"):rep(2.5e7) end return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
