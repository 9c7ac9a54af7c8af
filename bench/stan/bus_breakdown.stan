// Bus breakdown (samples/Alan.Samples.BusBreakdown/Model.cs): whether a school bus run is delayed, logistic in a
// (year, borough) intercept plus run-type and bus-company effects. Year intercepts share a prior, borough
// intercepts share their year's. Non-centred (Beta_raw, Alpha_raw): the same posterior, which NUTS explores better
// when a handful of groups leave the scales loosely determined.
data {
  int<lower=1> Years;
  int<lower=1> Boroughs;
  int<lower=1> Ids;
  int<lower=1> RunTypes;
  int<lower=1> BusCompanies;
  int<lower=0, upper=1> Delay[Years, Boroughs, Ids];
  matrix[Ids, RunTypes] RunType[Years, Boroughs];          // one-hot rows
  matrix[Ids, BusCompanies] BusCompany[Years, Boroughs];   // one-hot rows
}
parameters {
  vector[RunTypes] Psi;
  vector[BusCompanies] Phi_;                 // Phi: Stan reserves the name (the normal CDF)
  real SigmaBeta;
  real MuBeta;
  vector[Years] Beta_raw;
  vector[Years] SigmaAlpha;
  matrix[Years, Boroughs] Alpha_raw;
}
transformed parameters {
  vector[Years] Beta = MuBeta + exp(SigmaBeta) * Beta_raw;             // Beta ~ Normal(MuBeta, exp(SigmaBeta))
  matrix[Years, Boroughs] Alpha;                                       // Alpha ~ Normal(Beta, exp(SigmaAlpha))
  for (y in 1:Years)
    Alpha[y] = Beta[y] + exp(SigmaAlpha[y]) * Alpha_raw[y];
}
model {
  Psi ~ normal(0, 1);
  Phi_ ~ normal(0, 1);
  SigmaBeta ~ normal(0, 1);
  MuBeta ~ normal(0, 1);
  Beta_raw ~ normal(0, 1);
  SigmaAlpha ~ normal(0, 1);
  to_vector(Alpha_raw) ~ normal(0, 1);
  for (y in 1:Years)
    for (b in 1:Boroughs)
      Delay[y, b] ~ bernoulli_logit(Alpha[y, b] + BusCompany[y, b] * Phi_ + RunType[y, b] * Psi);
}
