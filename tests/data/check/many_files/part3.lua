beat "two" {
  say("mads", { da = "Hej" en = "Hi" }),
  ending = { da = "Slut", en = "The end" },
}
