scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
local ok, e = pcall(function()
  local s = "x" while true do s = s .. s end
end)
error("the memory error was swallowed: " .. tostring(e))
