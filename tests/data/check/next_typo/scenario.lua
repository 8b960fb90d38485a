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
beat "one" {
  say("sofie", { da = "Hej", en = "Hi" }),
  say("mads", { da = "Hej med dig", en = "Hi there" }),
  say("sofie", { da = "Hvad så?", en = "What's up?" }),
  next = "tow",
}
beat "two" { say("mads", { da = "Kom", en = "Come" }), next = "three" }
beat "three" { say("mads", { da = "Hej", en = "Hi" }), ending = { da = "Slut", en = "The end" } }
