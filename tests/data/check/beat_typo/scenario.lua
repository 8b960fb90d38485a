scenario {
  id = "fixture",
  languages = { "da", "en" },
  title = { da = "Prøve", en = "Test" },
  start = "one",
  content_note = { da = "Det handler om stalking.", en = "This is about stalking." },
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = { da = "Politiet", en = "The police" }, phone = "114",
                          text = { da = "Ring", en = "Call" } } } },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } }, vars = { checked = false, tries = 0 },
}
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" },
       { id = "mads", name = "Mads", color = "#3d85c6" } }
beat "one" {
  say("sofie", { da = "Hej", en = "Hi" }),
  choice { prompt = { da = "Hvad nu?", en = "What now?" },
    option { text = { da = "A", en = "A" }, to = "tow" },
    option { text = { da = "B", en = "B" }, to = "two" } },
}
beat "two" { say("mads", { da = "Hej", en = "Hi" }), ending = { da = "Slut", en = "The end" } }
