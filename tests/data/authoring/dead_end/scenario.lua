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
  choice { prompt = { da = "Hvad nu?", en = "What now?" },
    option { text = { da = "Prøv", en = "Try" }, to = "two", add = { tries = 1 } },
    option { text = { da = "Vent", en = "Wait" }, to = "loop" } },
}
beat "two" {
  choice { prompt = { da = "Og så?", en = "And then?" },
    option { text = { da = "Igen", en = "Again" }, to = "end",
             when = function(v) return v.tries > 1 end },
    option { text = { da = "Tjek", en = "Check" }, to = "end",
             when = function(v) return v.checked end } },
}
beat "loop" {
  choice { prompt = { da = "Rundt", en = "Round" },
    option { text = { da = "A", en = "A" }, to = "loop2" },
    option { text = { da = "B", en = "B" }, to = "loop2" } },
}
beat "loop2" { next = "loop" }
beat "end" { ending = { da = "Slut", en = "The end" } }
