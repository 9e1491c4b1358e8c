namespace ActorShutdown.Tests.Kernel;

/// <summary>Invalid arguments and misuse fail fast with a clear exception; sending to the dead never throws.</summary>
public sealed class BadInputTests : TestKit.TestKit
{
    [Fact]
    public void Telling_null_throws_ArgumentNullException()
    {
        var actor = ActorOf(Props.Create<Silent>());

        Assert.Throws<ArgumentNullException>(() => actor.Tell(null!));
        Assert.Throws<ArgumentNullException>(() => Sys.DeadLetters.Tell(null!));
    }

    [Fact]
    public void Asking_with_null_throws_ArgumentNullException_before_sending()
    {
        var actor = ActorOf(Props.Create<Silent>());

        // Thrown by the call itself, not through the returned task.
        Assert.Throws<ArgumentNullException>(() => { _ = actor.Ask<string>(null!); });
        Assert.Throws<ArgumentNullException>(() => { _ = ((IActorRef)null!).Ask<string>("x"); });
    }

    [Theory]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("with space")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    public void An_invalid_actor_name_throws_InvalidActorNameException_naming_it(string name)
    {
        var thrown = Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Silent>(), name));

        Assert.Contains($"'{name}'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_actor_name_throws_InvalidActorNameException_saying_so()
    {
        var thrown = Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Silent>(), ""));

        Assert.Contains("empty", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_name_throws_InvalidActorNameException_naming_it_while_the_first_actor_lives()
    {
        var first = ActorOf(Props.Create<Silent>(), "taken");

        var thrown = Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Silent>(), "taken"));

        Assert.Contains("'taken'", thrown.Message, StringComparison.Ordinal);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        Assert.Equal("/user/taken", ActorOf(Props.Create<Silent>(), "taken").Path.ToString());   // free again once it has stopped
    }

    private sealed class CreatesTwins : ReceiveActor
    {
        public CreatesTwins() => Receive<string>(name =>
        {
            Context.ActorOf(Props.Create<Silent>(), name);
            try
            {
                Context.ActorOf(Props.Create<Silent>(), name);
                Sender.Tell("no exception");
            }
            catch (InvalidActorNameException e)
            {
                Sender.Tell(e.Message);
            }
        });
    }

    [Fact]
    public async Task A_duplicate_child_name_throws_InvalidActorNameException_naming_it()
    {
        var parent = ActorOf(Props.Create<CreatesTwins>(), "parent");

        var message = await parent.Ask<string>("twin");

        Assert.Contains("'twin'", message, StringComparison.Ordinal);
        Assert.Contains("/user/parent", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_names_give_the_expected_paths()
    {
        Assert.Equal("/user/a-b_c.d", ActorOf(Props.Create<Silent>(), "a-b_c.d").Path.ToString());
        Assert.StartsWith("/user/$", ActorOf(Props.Create<Silent>()).Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Tell_to_a_stopped_actor_never_throws_and_becomes_a_dead_letter()
    {
        var actor = ActorOf(Props.Create<Silent>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var deadLettersBefore = Sys.DeadLetterCount;

        for (var i = 0; i < 5; i++) actor.Tell(i);

        Assert.Equal(deadLettersBefore + 5, Sys.DeadLetterCount);
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_ActorOf_throws_InvalidOperationException()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => new Silent());

        Assert.Contains("ActorOf", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActorOf_after_the_system_has_terminated_throws_InvalidOperationException()
    {
        await Sys.Terminate();

        Assert.Throws<InvalidOperationException>(() => ActorOf(Props.Create<Silent>(), "late"));
        Assert.Throws<InvalidOperationException>(() => ActorOf(Props.Create<Silent>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/inside")]
    [InlineData("\u00fcber")]
    public void ActorSystem_Create_with_an_invalid_name_throws_ArgumentException(string name)
    {
        var thrown = Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));

        Assert.Contains($"'{name}'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected_with_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ActorSystem.Create(null!));
        Assert.Throws<ArgumentNullException>(() => ActorOf(null!));
        Assert.Throws<ArgumentNullException>(() => Props.Create<Silent>(null!));
        Assert.Throws<ArgumentNullException>(() => Props.Create<Silent>().WithSupervisorStrategy(null!));
        Assert.Throws<ArgumentNullException>(() => new OneForOneStrategy(1, TimeSpan.FromSeconds(1), null!));
    }
}
