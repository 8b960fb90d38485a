scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) table.sort(setmetatable({}, { __len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawlen })) return true end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
