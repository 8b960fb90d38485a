-- tests/data/scenes/basic: a small scenario exercising every declaration.
scenario {
  id = "basic",
  languages = { "da", "en" },
  title = { da = "Grundtest", en = "Basic test" },
  start = "party",
  content_note = { da = "Om stalking.", en = "About stalking." },
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = "Dansk Stalking Center", phone = "25 17 73 74",
                          text = { da = "Rådgivning", en = "Counselling" } } } },
  advice = { { da = "Fortæl det til en voksen.", en = "Tell an adult." } },
  vars = { trust = 1, told = false, mood = "ok", count = 0 },
}

cast {
  { id = "sofie", name = "Sofie", color = "#e07a5f", role = { da = "Elev", en = "Pupil" } },
  { id = "mads", name = "Mads", color = "#3D405B", portrait = "img/mads.png" },
}

beat "party" {
  place = { da = "Fest hos Emma", en = "Party at Emma's" },
  time = "22:10",
  narrate { da = "Musikken er høj.", en = "The music is loud." },
  say("mads", { da = "Hej!", en = "Hi!" }),
  sms("mads", "sofie", "22:14", "😊"),
  image("img/party.png", { da = "Stuen", en = "The living room" }),
  choice = choice {
    prompt = { da = "Hvad gør Sofie?", en = "What does Sofie do?" },
    who = "sofie",
    option { text = { da = "Svarer", en = "Answers" }, to = "answer",
             set = { told = true }, add = { trust = 2 } },
    option { text = { da = "Spørger Emma", en = "Asks Emma" }, to = "party",
             once = true,
             effect = function(v) v.mood = "asked"; v.count = (v.count or 0) + 1 end },
    option { text = { da = "Stoler på ham", en = "Trusts him" }, to = "answer",
             when = function(v, visits) return v.trust > 2 end,
             reason = { da = "Tilliden er for lav", en = "Trust is too low" } },
    option { text = { da = "Igen", en = "Again" }, to = "answer", hide = true,
             when = function(v, visits) return visits.party >= 2 end },
  },
}

include "more.lua"
