// The distributions' authoring helpers, as the runtime's own code reads them (unqualified).
global using Alan.Distributions.Authoring;
