scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
-- a finalizer would run outside every limit
setmetatable({}, { __gc = function() while true do end end })
