# cmake/mingw-w64-x86_64.cmake - cross-compiling for 64-bit Windows with
# Debian's mingw-w64 (GCC).  SPECTACTOR_WIN_PREFIX is the folder where
# tools/package installed the cross-built dependencies (with pkg-config files).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(_triple x86_64-w64-mingw32)
find_program(_cc NAMES ${_triple}-gcc-posix ${_triple}-gcc REQUIRED)
find_program(_cxx NAMES ${_triple}-g++-posix ${_triple}-g++)
set(CMAKE_C_COMPILER ${_cc})
if(_cxx)
  set(CMAKE_CXX_COMPILER ${_cxx})
endif()
set(CMAKE_RC_COMPILER ${_triple}-windres)
set(CMAKE_AR ${_triple}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${_triple}-ranlib CACHE FILEPATH "")

# carried into try_compile projects
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SPECTACTOR_WIN_PREFIX SPECTACTOR_WIN_PKG_CONFIG_DIR)
set(CMAKE_FIND_ROOT_PATH /usr/${_triple} ${SPECTACTOR_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# SPECTACTOR_WIN_PKG_CONFIG_DIR: other .pc files for the same prefix (the
# unit tests use an sdl2.pc without SDL2main)
if(SPECTACTOR_WIN_PKG_CONFIG_DIR)
  set(ENV{PKG_CONFIG_LIBDIR} "${SPECTACTOR_WIN_PKG_CONFIG_DIR}")
  set(ENV{PKG_CONFIG_PATH} "")
elseif(SPECTACTOR_WIN_PREFIX)
  set(ENV{PKG_CONFIG_LIBDIR} "${SPECTACTOR_WIN_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
endif()

# C99 printf/scanf (%zu, %lld) from mingw-w64 instead of msvcrt's
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")
