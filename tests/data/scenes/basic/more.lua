-- the second file of the basic scenario
beat "answer" {
  title = { da = "Svaret", en = "The answer" },
  say("sofie", { da = "Hej igen.", en = "Hi again." }),
  signal = signal { prompt = { da = "OK?", en = "OK?" } },
  next = "talk",
}

beat "talk" {
  discuss { prompt = { da = "Hvad nu?", en = "What now?" }, seconds = 90 },
  next = "done",
}

beat "done" {
  ending = { da = "Sofie fortæller det.", en = "Sofie tells someone." },
}
