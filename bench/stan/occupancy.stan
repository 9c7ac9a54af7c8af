// Occupancy (samples/Alan.Samples.Occupancy/Model.cs): whether a bird species is seen on each of a site's
// replicate surveys. The site is occupied (Z = 1) with logit BirdYearMean * Weather * Beta; an occupied site's
// survey sees the bird with logit Alpha * Quality, an empty one with logit -10. Stan has no discrete parameters,
// so Z is summed out per site: p(seen) = p(Z = 1) p(seen | Z = 1) + p(Z = 0) p(seen | Z = 0). The replicates share
// their site's logits, so a site's likelihood depends on its surveys only through how many saw the bird.
// Non-centred species effects (BirdMean_raw, Alpha_raw, Beta_raw): the same posterior.
data {
  int<lower=1> Birds;
  int<lower=1> Years;
  int<lower=1> Ids;
  int<lower=1> Replicates;
  int<lower=0, upper=1> Seen[Birds, Years, Ids, Replicates];
  vector[Ids] Weather[Birds, Years];
  vector[Ids] Quality[Birds, Years];
}
transformed data {
  int SeenCount[Birds, Years, Ids];
  real absent_seen = log_inv_logit(-10.0);     // log p(seen | Z = 0) of one survey
  real absent_unseen = log1m_inv_logit(-10.0);
  for (b in 1:Birds)
    for (y in 1:Years)
      for (i in 1:Ids)
        SeenCount[b, y, i] = sum(Seen[b, y, i]);
}
parameters {
  real BirdMeanMean;
  real BirdMeanLogVar;
  real AlphaMean;
  real AlphaLogVar;
  real BetaMean;
  real BetaLogVar;
  vector[Birds] BirdMean_raw;
  vector[Birds] Alpha_raw;
  vector[Birds] Beta_raw;
  matrix[Birds, Years] BirdYearMean;
}
transformed parameters {
  vector[Birds] BirdMean = BirdMeanMean + exp(BirdMeanLogVar) * BirdMean_raw;   // Normal(BirdMeanMean, exp(BirdMeanLogVar))
  vector[Birds] Alpha = AlphaMean + exp(AlphaLogVar) * Alpha_raw;
  vector[Birds] Beta = BetaMean + exp(BetaLogVar) * Beta_raw;
}
model {
  BirdMeanMean ~ normal(0, 1);
  BirdMeanLogVar ~ normal(0, 1);
  AlphaMean ~ normal(0, 1);
  AlphaLogVar ~ normal(0, 1);
  BetaMean ~ normal(0, 1);
  BetaLogVar ~ normal(0, 1);
  BirdMean_raw ~ normal(0, 1);
  Alpha_raw ~ normal(0, 1);
  Beta_raw ~ normal(0, 1);
  for (b in 1:Birds) {
    BirdYearMean[b] ~ normal(BirdMean[b], 1);
    for (y in 1:Years) {
      vector[Ids] occupied = BirdYearMean[b, y] * Beta[b] * Weather[b, y];     // logit p(Z = 1)
      vector[Ids] seen = Alpha[b] * Quality[b, y];                              // logit p(seen | Z = 1)
      for (i in 1:Ids) {
        int n = SeenCount[b, y, i];
        target += log_sum_exp(
          log_inv_logit(occupied[i]) + n * log_inv_logit(seen[i]) + (Replicates - n) * log1m_inv_logit(seen[i]),
          log1m_inv_logit(occupied[i]) + n * absent_seen + (Replicates - n) * absent_unseen);
      }
    }
  }
}
