scenario { id = "broken", languages = { "da", "en" }, start = "a" }
cast {
  { id = "sofie", name = "Sofie", color = "red" },
}
