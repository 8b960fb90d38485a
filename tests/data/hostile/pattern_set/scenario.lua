scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local s = ("a"):rep(200000); s:find("[" .. ("b"):rep(100000) .. "]")
