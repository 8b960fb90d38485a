scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) local missing; return missing.field end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
