scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local da, en = ("d"):rep(1990), ("e"):rep(1990)
for i = 1, 1e6 do narrate { da = da .. i, en = en .. i } end
beat "a" { narrate "start", ending = "end" }
