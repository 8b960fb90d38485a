scenario {
  id = "fixture",
  languages = { "da", "en" },
  title = { da = "Prøve", en = "Test" },
  start = "one",
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = { da = "Politiet", en = "The police" }, phone = "114",
                          text = { da = "Ring", en = "Call" } } } },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } },
}
beat "one" { ending = { da = "Slut", en = "The end" } }
