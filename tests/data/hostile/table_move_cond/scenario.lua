scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) table.move({}, 1, math.maxinteger - 1, 2) return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
