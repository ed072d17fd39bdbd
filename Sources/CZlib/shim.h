#ifndef TAMGA_CZLIB_SHIM_H
#define TAMGA_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros, which Swift cannot call: these wrappers expose them.
static inline int tamga_inflateInit2(z_stream *stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
static inline int tamga_deflateInit2(z_stream *stream, int level, int windowBits) {
  return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
