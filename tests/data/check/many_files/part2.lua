beat "one" {
  say("sofie", { da = "Hej", en = "Hi" })
  say("mads", { da = "Hej", en = "Hi" }),
  next = "two",
}
