scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local function f(n) return 1 + f(n + 1) end
f(1)
