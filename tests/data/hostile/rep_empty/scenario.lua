scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local s = string.rep("", math.maxinteger) .. string.rep("", math.maxinteger, ""); error("rep of nothing ended: " .. #s)
