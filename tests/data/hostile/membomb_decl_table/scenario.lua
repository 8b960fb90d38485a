scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local t = {}; for i = 1, 1e9 do t[i] = i end
