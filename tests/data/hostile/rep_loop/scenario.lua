scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
for i = 1, 1e9 do local s = ("x"):rep(2.5e7) end
