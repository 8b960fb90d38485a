scenario {
  id = "fixture",
  languages = { "da", "en" },
  title = { da = "Prøve", en = "Test" },
  start = "one",
  content_note = { da = "Det handler om stalking.", en = "This is about stalking." },
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = { da = "Politiet", en = "The police" }, phone = "114",
                          text = { da = "Ring", en = "Call" } } } },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } },
  vars = { checked = false, tries = 0 },
}
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" },
       { id = "mads", name = "Mads", color = "#3d85c6" } }
beat "one" {
  say("sofie", { da = "Hej", en = "Hi" }),
  choice { prompt = { da = "Hvad nu?", en = "What now?" },
    option { text = { da = "Tjek", en = "Check" }, to = "two", set = { checked = true } },
    option { text = { da = "Vent", en = "Wait" }, to = "two" } },
}
beat "two" {
  choice { prompt = { da = "Og så?", en = "And then?" },
    option { text = { da = "Godt", en = "Good" }, to = "good",
             when = function(v) return v.tries > 0 end },
    option { text = { da = "Skidt", en = "Bad" }, to = "bad" } },
}
beat "good" { ending = { da = "Godt", en = "Good" } }
beat "bad" { ending = { da = "Skidt", en = "Bad" } }
