// The runtime's own code reads the compiler services of every concern without qualifying them.
global using Alan.CompilerServices.FastPaths;
global using Alan.CompilerServices.Fitting;
global using Alan.CompilerServices.Memory;
global using Alan.CompilerServices.MomentMatching;
global using Alan.CompilerServices.Posterior;
global using Alan.CompilerServices.Problems;
global using Alan.CompilerServices.Semiring;
global using Alan.CompilerServices.TensorLayout;
global using Alan.CompilerServices.Timeseries;

// The authoring utilities of the distributions (public for distributions defined outside the runtime).
global using Alan.Distributions.Authoring;
