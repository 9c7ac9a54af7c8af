// The distributions' authoring utilities, as the runtime's own code reads them (unqualified).
global using Alan.Distributions.Authoring;
