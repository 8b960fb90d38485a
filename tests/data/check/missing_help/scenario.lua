scenario {
  id = "fixture",
  languages = { "da", "en" },
  title = { da = "Prøve", en = "Test" },
  start = "one",
  content_note = { da = "Det handler om stalking.", en = "This is about stalking." },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } },
}
beat "one" { ending = { da = "Slut", en = "The end" } }
