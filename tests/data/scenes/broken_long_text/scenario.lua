scenario { id = "broken", languages = { "da", "en" }, start = "a" }
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
beat "a" {
  narrate(string.rep("x", 2001)),
  ending = "x",
}
