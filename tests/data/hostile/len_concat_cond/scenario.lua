scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) table.concat(setmetatable({}, { __len = function() return math.maxinteger - 1 end, __index = type })) return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
