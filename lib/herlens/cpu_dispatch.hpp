#pragma once
// The build targets baseline x86-64. A function marked HERLENS_ALSO_AVX2 is also compiled for
// x86-64-v3 (AVX2, FMA), and the copy the CPU can run is chosen once when the program loads: the
// networks' inner loops then work on 8 floats per instruction, multiplying and adding in one step,
// instead of on 4 in two.
#if defined(__x86_64__) && defined(__GNUC__)
#define HERLENS_ALSO_AVX2 __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define HERLENS_ALSO_AVX2
#endif
