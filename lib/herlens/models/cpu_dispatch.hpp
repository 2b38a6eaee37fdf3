#pragma once
// The build targets baseline x86-64. A function marked HERLENS_ALSO_AVX2 is also compiled for
// x86-64-v3 (AVX2, FMA), and the copy the CPU can run is chosen once when the program loads: the
// networks' inner loops run two to three times faster with 8-wide fused multiply-adds.
#if defined(__x86_64__) && defined(__GNUC__)
#define HERLENS_ALSO_AVX2 __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define HERLENS_ALSO_AVX2
#endif
