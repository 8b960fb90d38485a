scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local s = ("x"):rep(1000000):gsub("x", ("y"):rep(100))
