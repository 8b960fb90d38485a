scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
table.move({}, 1, math.maxinteger - 1, 2)
