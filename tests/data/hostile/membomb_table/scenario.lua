scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local t = {}
local i = 0
while true do i = i + 1; t[i] = { i, i, i, i } end
