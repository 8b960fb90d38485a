scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local s = ("a"):rep(5000); s:find(".-.-.-x$")
