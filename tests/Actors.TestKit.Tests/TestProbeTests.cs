using Xunit.Sdk;

namespace ActorShutdown.TestKit.Tests;

/// <summary>Every TestProbe method and its async twin, including what their failures say.</summary>
public sealed class TestProbeTests : TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    private static void AssertMentions(XunitException failure, params string[] parts)
    {
        foreach (var part in parts) Assert.Contains(part, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_returns_the_next_message_and_remembers_its_sender()
    {
        var probe = CreateTestProbe();
        var echo = ActorOf(Props.Create<Echo>(), "echo");

        probe.Send(echo, "hello");

        Assert.Equal("hello", probe.ExpectMsg<string>());
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public void A_probe_is_an_IActorRef_that_records_what_it_is_told()
    {
        var probe = CreateTestProbe();

        probe.Tell(1, TestActor);
        probe.Ref.Tell(2);

        Assert.Equal(1, probe.ExpectMsg<int>());
        Assert.Equal(TestActor, probe.LastSender);
        Assert.Equal(2, probe.ExpectMsg<int>());
        Assert.Equal(Sys.DeadLetters, probe.LastSender);   // no sender
        Assert.Equal(probe.Ref, probe);
        Assert.Equal(probe.Path, probe.Ref.Path);
    }

    [Fact]
    public async Task ExpectMsgAsync_returns_the_next_message()
    {
        var probe = CreateTestProbe();
        var pending = probe.ExpectMsgAsync<string>();

        probe.Tell("later");

        Assert.Equal("later", await pending);
    }

    [Fact]
    public async Task ExpectMsg_with_a_predicate_checks_the_message()
    {
        var probe = CreateTestProbe();
        probe.Tell(3);
        probe.Tell(4);

        Assert.Equal(3, probe.ExpectMsg<int>(i => i == 3));
        Assert.Equal(4, await probe.ExpectMsgAsync<int>(i => i % 2 == 0));
    }

    [Fact]
    public async Task ExpectMsg_fails_saying_what_was_expected_and_within_what_time_when_nothing_arrives()
    {
        var probe = CreateTestProbe();

        var sync = Assert.ThrowsAny<XunitException>(() => probe.ExpectMsg<string>(Short));
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.ExpectMsgAsync<string>(Short));

        AssertMentions(sync, "a message of type String", Short.ToString(), "no message arrived");
        AssertMentions(async, "a message of type String", Short.ToString(), "no message arrived");
    }

    [Fact]
    public async Task ExpectMsg_fails_saying_what_arrived_when_it_is_of_another_type()
    {
        var probe = CreateTestProbe();
        probe.Tell(42, TestActor);
        probe.Tell(43, TestActor);

        var sync = Assert.ThrowsAny<XunitException>(() => probe.ExpectMsg<string>(Short));
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.ExpectMsgAsync<string>(Short));

        AssertMentions(sync, "a message of type String", Short.ToString(), "42", "Int32", TestActor.Path.ToString());
        AssertMentions(async, "a message of type String", Short.ToString(), "43", "Int32");
    }

    [Fact]
    public async Task ExpectMsg_fails_saying_what_arrived_when_it_does_not_match_the_predicate()
    {
        var probe = CreateTestProbe();
        probe.Tell("wrong");
        probe.Tell("also wrong");

        var sync = Assert.ThrowsAny<XunitException>(() => probe.ExpectMsg<string>(s => s == "right", Short));
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.ExpectMsgAsync<string>(s => s == "right", Short));

        AssertMentions(sync, "matching", "wrong", Short.ToString());
        AssertMentions(async, "matching", "also wrong", Short.ToString());
    }

    [Fact]
    public async Task ExpectNoMsg_passes_when_nothing_arrives_and_fails_saying_what_did()
    {
        var probe = CreateTestProbe();
        probe.ExpectNoMsg(Short);
        await probe.ExpectNoMsgAsync(Short);

        probe.Tell("unexpected");
        var sync = Assert.ThrowsAny<XunitException>(() => probe.ExpectNoMsg(Short));
        probe.Tell("also unexpected");
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.ExpectNoMsgAsync(Short));

        AssertMentions(sync, "no message", "unexpected", Short.ToString());
        AssertMentions(async, "no message", "also unexpected", Short.ToString());
    }

    [Fact]
    public async Task Watch_is_in_place_when_it_returns_so_a_stop_right_after_gives_a_confirmed_Terminated()
    {
        var probe = CreateTestProbe();
        for (var i = 0; i < 50; i++)
        {
            var target = ActorOf(Props.Create<Silent>());
            probe.Watch(target);
            Sys.Stop(target);
            var terminated = i % 2 == 0 ? probe.ExpectTerminated(target) : await probe.ExpectTerminatedAsync(target);
            Assert.Equal(target, terminated.ActorRef);
            Assert.True(terminated.ExistenceConfirmed);
        }
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_gives_Terminated_without_ExistenceConfirmed()
    {
        var probe = CreateTestProbe();
        var target = ActorOf(Props.Create<Silent>());
        probe.Watch(target);
        Sys.Stop(target);
        probe.ExpectTerminated(target);

        probe.Watch(target);

        Assert.False(probe.ExpectTerminated(target).ExistenceConfirmed);
    }

    [Fact]
    public async Task ExpectTerminated_fails_naming_the_actor_it_expected_and_what_arrived()
    {
        var probe = CreateTestProbe();
        var target = ActorOf(Props.Create<Silent>(), "target");
        var other = ActorOf(Props.Create<Silent>(), "other");
        probe.Tell("not a Terminated");
        probe.Watch(other);
        Sys.Stop(other);

        var sync = Assert.ThrowsAny<XunitException>(() => probe.ExpectTerminated(target, TimeSpan.FromSeconds(1)));
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.ExpectTerminatedAsync(target, TimeSpan.FromSeconds(1)));

        AssertMentions(sync, "Terminated of /user/target", "not a Terminated", TimeSpan.FromSeconds(1).ToString());
        AssertMentions(async, "Terminated of /user/target", "/user/other", TimeSpan.FromSeconds(1).ToString());
    }

    [Fact]
    public void After_Unwatch_no_Terminated_arrives()
    {
        var probe = CreateTestProbe();
        var target = ActorOf(Props.Create<Silent>());
        probe.Watch(target);

        probe.Unwatch(target);
        Watch(target);
        Sys.Stop(target);

        ExpectTerminated(target);   // the kit's own watch, to know the stop has happened
        probe.ExpectNoMsg(Short);
    }

    [Fact]
    public async Task FishForMessage_skips_what_does_not_match()
    {
        var probe = CreateTestProbe();
        foreach (var m in new object[] { 1, "a", 2, "b", 3 }) probe.Tell(m);

        Assert.Equal(2, probe.FishForMessage<int>(i => i > 1));
        Assert.Equal("b", await probe.FishForMessageAsync<string>(s => s == "b"));
        Assert.Equal(3, probe.ExpectMsg<int>());
    }

    [Fact]
    public async Task FishForMessage_fails_saying_what_arrived_and_within_what_time()
    {
        var probe = CreateTestProbe();
        probe.Tell("skipped one");
        probe.Tell(7);

        var sync = Assert.ThrowsAny<XunitException>(() => probe.FishForMessage<int>(i => i > 10, Short));
        probe.Tell("skipped two");
        var async = await Assert.ThrowsAnyAsync<XunitException>(() => probe.FishForMessageAsync<int>(i => i > 10, Short));
        var none = Assert.ThrowsAny<XunitException>(() => probe.FishForMessage<int>(_ => true, Short));

        AssertMentions(sync, "Int32", Short.ToString(), "skipped one", "7");
        AssertMentions(async, "Int32", Short.ToString(), "skipped two");
        AssertMentions(none, "Int32", Short.ToString(), "no message arrived");
    }

    [Fact]
    public void ReceiveN_returns_that_many_messages_in_order_and_fails_listing_what_arrived()
    {
        var probe = CreateTestProbe();
        foreach (var m in new object[] { "a", 2, "c" }) probe.Tell(m);

        Assert.Equal(new object[] { "a", 2 }, probe.ReceiveN(2));
        var failure = Assert.ThrowsAny<XunitException>(() => probe.ReceiveN(2, Short));

        AssertMentions(failure, "2 messages", Short.ToString(), "only 1", "c");
    }

    [Fact]
    public void Send_uses_the_probe_as_sender_and_Reply_answers_the_last_sender()
    {
        var probe = CreateTestProbe();
        var other = CreateTestProbe();

        probe.Send(other, "question");
        Assert.Equal("question", other.ExpectMsg<string>());
        Assert.Equal(probe.Ref, other.LastSender);
        other.Reply("answer");

        Assert.Equal("answer", probe.ExpectMsg<string>());
        Assert.Equal(other.Ref, probe.LastSender);
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_passes()
    {
        var probe = CreateTestProbe();
        var calls = 0;

        probe.AwaitAssert(() => Assert.True(++calls >= 3), interval: TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, calls);
    }

    [Fact]
    public void AwaitAssert_fails_with_the_last_failure_and_the_time_it_waited()
    {
        var probe = CreateTestProbe();

        var failure = Assert.ThrowsAny<XunitException>(() =>
            probe.AwaitAssert(() => Assert.Equal(1, 2), Short, TimeSpan.FromMilliseconds(10)));

        AssertMentions(failure, Short.ToString(), "Assert.Equal");
        Assert.NotNull(failure.InnerException);
    }

    [Fact]
    public void AwaitCondition_waits_until_the_condition_holds_and_fails_if_it_never_does()
    {
        var probe = CreateTestProbe();
        var calls = 0;

        probe.AwaitCondition(() => ++calls == 2);
        var failure = Assert.ThrowsAny<XunitException>(() => probe.AwaitCondition(() => false, Short));

        Assert.Equal(2, calls);
        AssertMentions(failure, Short.ToString(), "condition");
    }

    [Fact]
    public void A_Tell_from_inside_an_actor_has_the_actor_as_its_implicit_sender()
    {
        var probe = CreateTestProbe();
        var forwarder = ActorOf(Props.Create(() => new Forwarder(probe)));

        forwarder.Tell("via actor");

        Assert.Equal("via actor", probe.ExpectMsg<string>());
        Assert.Equal(forwarder, probe.LastSender);
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef probe) => ReceiveAny(m => probe.Tell(m));
    }

    private sealed class WatchesAndForwards : ReceiveActor
    {
        public WatchesAndForwards(IActorRef subject, IActorRef probe)
        {
            Context.Watch(subject);
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void An_actor_can_watch_a_probe_and_sees_it_stop()
    {
        var watched = CreateTestProbe();
        var watcher = ActorOf(Props.Create(() => new WatchesAndForwards(watched, TestActor)));
        watcher.Tell("ready?");
        ExpectMsg<string>(s => s == "ready?");   // its constructor has run: the watch is registered

        Sys.Stop(watched);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(watched.Ref, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        watched.Tell("to a stopped probe");   // a dead letter, never an exception
        watched.ExpectNoMsg(Short);
    }
}
