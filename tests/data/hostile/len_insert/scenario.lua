scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
table.insert(setmetatable({}, { __len = function() return math.maxinteger - 1 end }), 1, "x")
