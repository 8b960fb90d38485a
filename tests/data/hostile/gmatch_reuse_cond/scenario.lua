scenario { id = "hostile", languages = { "da", "en" }, start = "a" }
cast { { id = "x", name = "X", color = "#112233" } }
local it = ("a"):rep(3000):gmatch(".-.-.-.-b")
beat "a" {
  narrate "start",
  choice = choice {
    option { text = "1", to = "b",
             when = function(v) return it() ~= nil end },
    option { text = "2", to = "b" },
  },
}
beat "b" { ending = "end" }
