// Radon (samples/Alan.Samples.Radon/Model.cs): log radon of a house ~ Normal(state mean + basement effect +
// uranium effect, state scale), four states with their own coefficients and a shared prior on the state means.
// Centred, as the model is written: 150 houses per state pin each state's mean down.
data {
  int<lower=1> States;
  int<lower=1> Zips;
  matrix[States, Zips] LogRadon;
  matrix[States, Zips] Basement;
  matrix[States, Zips] LogU;
}
parameters {
  real GlobalMean;
  real GlobalLogScale;
  vector[States] StateMean;
  vector[States] StateLogScale;
  vector[States] BetaU;
  vector[States] BetaBasement;
}
model {
  GlobalMean ~ normal(0, 1);
  GlobalLogScale ~ normal(0, 1);
  StateMean ~ normal(GlobalMean, exp(GlobalLogScale));
  StateLogScale ~ normal(0, 1);
  BetaU ~ normal(0, 1);
  BetaBasement ~ normal(0, 1);
  for (s in 1:States)
    LogRadon[s] ~ normal(StateMean[s] + Basement[s] * BetaBasement[s] + LogU[s] * BetaU[s], exp(StateLogScale[s]));
}
