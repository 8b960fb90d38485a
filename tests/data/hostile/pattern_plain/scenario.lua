scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local s = ("a"):rep(1000000); s:find(("a"):rep(500000) .. "b", 1, true)
