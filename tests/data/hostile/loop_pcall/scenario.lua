scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
while true do
  pcall(function() while true do end end)
end
