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
}
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" },
       { id = "mads", name = "Mads", color = "#3d85c6" } }
statements {
  { id = "s1", text = "1" }, { id = "s2", text = "2" }, { id = "s3", text = "3" },
  { id = "s4", text = "4" }, { id = "s5", text = "5" }, { id = "s6", text = "6" },
  { id = "s7", text = "7" },
}
beat "one" {
  say("sofie", { da = "Hej", en = "Hi" }),
  ending = { da = "Slut", en = "The end" } }
