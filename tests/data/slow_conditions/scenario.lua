-- Nine options whose condition takes a quarter to half a second: one key
-- must not wait for all of them (the scripts of one key share one time
-- budget), and `spectactor check` / `spectactor test` warn about them.
scenario {
  id = "slow_conditions",
  languages = { "en" },
  title = "Slow conditions",
  start = "a",
  content_note = "Nothing in here.",
  help = { title = "Help", contacts = { { name = "A teacher", text = "Ask" } } },
  advice = { "Keep conditions fast." },
}
cast { { id = "x", name = "X", color = "#112233" } }

local function slow(v)
  local n = 0
  for i = 1, 10000000 do n = n + i end -- a quarter to half a second
  return n > 0
end

beat "a" {
  narrate "Nine options, each with a slow condition.",
  choice { prompt = "Which?",
    option { text = "1", to = "b", when = slow },
    option { text = "2", to = "b", when = slow },
    option { text = "3", to = "b", when = slow },
    option { text = "4", to = "b", when = slow },
    option { text = "5", to = "b", when = slow },
    option { text = "6", to = "b", when = slow },
    option { text = "7", to = "b", when = slow },
    option { text = "8", to = "b", when = slow },
    option { text = "9", to = "b", when = slow },
  },
}
beat "b" { narrate "The end.", ending = "The end" }
