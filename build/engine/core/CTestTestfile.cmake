# CMake generated Testfile for 
# Source directory: /work/main/engine/core
# Build directory: /work/main/build/engine/core
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test(unit_core "/work/main/build/engine/core/test_core")
set_tests_properties(unit_core PROPERTIES  ENVIRONMENT "SDL_VIDEODRIVER=offscreen;SDL_AUDIODRIVER=dummy" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;49;add_test;/work/main/engine/core/CMakeLists.txt;4;spectactor_unit_test;/work/main/engine/core/CMakeLists.txt;0;")
