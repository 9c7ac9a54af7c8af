// MovieLens: the model of the original alan's introduction notebook, M = 450 users x N = 20 films (d_z = 18 genres);
// 20 more films per user are held out. --data DIR reads the ml-100k files u.data and u.item (not shipped: their
// licence forbids redistribution); without it the sample runs on synthetic data of the same shape drawn from the model.
// Defaults: K = 30, 250 iterations, lr 0.1 for VI, RWS (Adam) and QEM, as the notebook.
//   dotnet run -c Release --project samples/Alan.Samples.MovieLens -- --data ~/ml-100k --method rws --plot movielens.png
using System;
using System.Collections.Generic;
using Alan.Samples.Common;
using Alan.Samples.MovieLens;

const int Users = 450, Films = 20, DataSeed = 0;
var defaults = new SampleDefaults("movielens", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.1, [Method.Qem] = 0.1 });
return SampleRunner.Guard(() =>
{
    var options = SampleOptions.Parse(args, defaults);
    var data = options.DataDirectory is null
        ? MovieLensData.Synthetic(Users, Films, DataSeed)
        : MovieLensData.FromMl100k(options.DataDirectory, Users, Films, DataSeed);
    Console.WriteLine($"data: {data.Source}; {data.Users} users x {data.TrainFilms} training films (+{data.AllFilms - data.TrainFilms} held out)");
    SampleRunner.Run(options, data.Target(options.Method));
    return 0;
});
