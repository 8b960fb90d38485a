beat "a" { ending = "x" }
